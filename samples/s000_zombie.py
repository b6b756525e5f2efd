from multiprocessing import Process,current_process
from time import sleep
def work():
	print('子进程开始了')
	print('PID:%s' % current_process().pid )
	print('子进程结束了')
def main():
	p = Process(target=work)
	p.start() #父进程开启了子进程
	#p.join() #回收子进程 或者忘记回收
	#父进程退出了
	sleep(10) #退出
	#p.join()
if __name__ == '__main__':
	main()  
