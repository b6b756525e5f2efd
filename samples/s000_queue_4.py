from multiprocessing import Process,Queue,current_process
from time import sleep
import sys
def product(q,sig):#某个进程生产数据
	for var in range(8):
		sig.put(True) #每次生产,都放一个True
		q.put(var)
		sleep(1)
	else:
		sig.put(False)
def custom(q,sig):#这个进程消费数据
	while True:
		if sig.get(): #代表还有数据要生产
			i = q.get() 
			print('%s进程取到的数据:%s' % (current_process().name,i))
			sys.stdout.flush()
		else: #没有数据要生产了
			print('子进程结束,数据生产完毕')
			sig.put(False)
			break
def main():
	q = Queue() #共享队列
	sig = Queue()
	p1 = Process(target=product,args=(q,sig))
	p2 = Process(target=custom,name='消费进程1',args=(q,sig))
	p3 = Process(target=custom,name='消费进程2',args=(q,sig))
	p1.start(),p2.start(),p3.start(),p1.join(),p3.join(),p2.join()
	print('------------')
if __name__ == '__main__':
	main()
