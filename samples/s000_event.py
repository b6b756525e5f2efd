from multiprocessing import Event,Process,current_process
from time import sleep
import sys
def work(e):
	print('%s已开启' % current_process().name)
	sys.stdout.flush() #刷新输出缓冲区,立竿见影看到打印
	e.wait() #Sleep 可中断睡眠
	print('%s正式开始工作' % current_process().name)
	sys.stdout.flush()
	print('%s|pid:%s' % (current_process().name,current_process().pid))
def main():
	print('主进程开启')
	e = Event()
	p1 = Process(target=work,name='进程1',args=(e,))
	p2 = Process(target=work,name='进程2',args=(e,))
	p1.start() #进程已经开启
	p2.start()
	for var in range(3):
		print(var)
		sleep(1) #- e.wait()
	e.set() #信号变True
	p1.join()
	p2.join()
if __name__ == '__main__':
	main()  
